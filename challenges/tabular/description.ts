/** The tabular kind's standard text: the organiser's own description replaces the introduction, never the reference. */
export const tabularDescription = `# A tabular challenge

Predict a target for every test event from the training events: a label (binary classification), a class
(multi-class classification) or a number (regression). The organiser chose the data and the metric.

## The data files

- **train.csv**: the training events, with their features and the target, as the organiser published them.
- **test.csv**: the test events: an \`EventId\` column and the same features, without the target.

## Submission format

A CSV file with a header and one row per test event, every \`EventId\` of test.csv exactly once:

- **binary classification**: \`EventId,score\`, one score per event (higher = more likely the positive class; a
  probability from 0 to 1 where the metric reads probabilities, such as the log-loss or the accuracy);
- **multi-class classification**: \`EventId\` and one column per class, named as the classes, holding that event's
  probability of each class (each row summing to 1);
- **regression**: \`EventId,prediction\`, the predicted value.

The challenge's page names the metric, whether higher or lower is better, and the classes.

## Public and private leaderboards

The test events are split at random into a public part, scored as soon as you submit, and a private part, revealed
when the challenge ends; the private leaderboard decides the ranking. Each score comes with a bootstrap ± (its
statistical uncertainty): neighbours within it are marked ≈.

## Checks on control events

An organiser may switch on the checks of Kaggle's Flavours of Physics. Some rows of test.csv are then control
events: predict them like any other; they never count on a leaderboard. The **agreement check** compares your
scores on real-data and simulated control events (a weighted Kolmogorov–Smirnov distance); the **correlation check**
asks that your scores on background control events do not follow a chosen column such as the mass (a binned
Cramér–von Mises distance). A submission whose statistic is not below the threshold is shown as failing the check,
with the statistic and the threshold, and is not ranked.
`;
