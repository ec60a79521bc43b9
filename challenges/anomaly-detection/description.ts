/**
 * Markdown description of the anomaly-detection challenge (LHC Olympics 2020 / Dark Machines style), written for
 * a student with no particle-physics background. Numbers quoted here come from built-in.ts, dataset.ts,
 * simulator/params.ts and scoring/metrics/ (signal-efficiency.ts, sic.ts, mass-sculpting.ts).
 */
export const anomalyDescription = `# Anomaly detection: find the new resonance

Somewhere in these collisions a new, heavy particle may be hiding. You are not
told what it looks like and you get **no signal examples**: your method must
find what does not look like the ordinary background. This challenge follows
the LHC Olympics 2020 (Kasieczka et al., 2021) and the Dark Machines anomaly
score challenge, with events from this platform's own seeded simulator.

## The physics in five minutes

- **Jets.** Quarks and gluons produced in a proton–proton collision at the LHC
  (√s = 13 TeV) turn into collimated sprays of particles called jets. Most
  collisions with two very energetic jets ("dijets") are ordinary strong-force
  (QCD) processes: that is the **background**. Masses and energies are in GeV
  (1 TeV = 1000 GeV).
- **The dijet mass mjj** is the invariant mass of the two leading jets. For QCD
  it is a smoothly falling spectrum; a new particle decaying into two jets would
  show up as a **bump** at its mass.
- **Jet substructure.** A light quark or gluon jet is usually one-pronged. A
  heavy particle that is strongly boosted and decays into two quarks makes a
  single "fat" jet with **two prongs** and a **jet mass** mj near the particle's
  mass. The N-subjettiness ratio **τ21 = τ2/τ1** measures prong-ness: low (≈ 0.2)
  for two-prong jets, high (≈ 0.6) for one-prong jets.
- **The hidden signal** (you are told it here so the challenge is fair to
  newcomers; the spirit is to find it without using this knowledge): a W′ boson
  of mass 3.5 TeV decaying to X (500 GeV) and Y (100 GeV), each decaying to two
  quarks. Signal events have mjj near 3.5 TeV, one jet near 100 GeV, the other
  near 500 GeV, and low τ21. It is a tiny fraction of the test events.

## The features

Every event has the five high-level features of the LHC Olympics 2020 R&D
data set. Jet 1 is the **lighter** of the two leading jets.

| feature | meaning |
|---|---|
| mjj | dijet invariant mass (GeV), 2800 to 5500 in the simulated data |
| mj1 | mass of the lighter jet (GeV) |
| delta_mj | mj2 − mj1 ≥ 0: how much heavier the other jet is (GeV) |
| tau21_1 | τ21 of the lighter jet |
| tau21_2 | τ21 of the heavier jet |

## The tracks

**Track A (this leaderboard): semi-supervised search.** You receive a large
sample of background-only events (\`train.csv\`) and a test sample
(\`test.csv\`) that may contain signal. Score every test event: higher means more
anomalous. Typical approaches: density estimation of the background (normalising
flows, autoencoders) and a likelihood ratio against the test data, or a
classifier trained to tell \`train.csv\` from \`test.csv\`.

**Track B: black boxes.** A single unlabelled sample, with or without a signal.
The task is to say whether it contains new physics and, if so, what it is
(mass, how many events). A black box with no signal at all is a valid answer
key: claiming a discovery there is a false discovery.

## The data files (Track A)

- \`train.csv\`: background-only events, header \`mjj,mj1,delta_mj,tau21_1,tau21_2\`,
  no EventId and no label.
- \`test.csv\`: \`EventId\` and the five features, no label. The built-in
  challenge has 200,000 test events of which 0.5% are signal, plus 50,000
  further background-only **control events** shuffled in. You cannot tell the
  control events apart, and you should not try: score every row the same way.
- \`sample_submission.csv\`: a valid (useless) submission, every score 0.5.

Masses are written in GeV with 3 decimals and τ21 with 5.

## Submission format

A CSV file with a header and one row per test event, in any order:

\`\`\`
EventId,score
1000000,0.0132
1000001,0.8761
\`\`\`

\`score\` is any finite number; only its ordering matters, higher = more
signal-like. Every EventId of test.csv must appear exactly once.

## The scores

Only the **ranking** of your scores matters. The platform sorts the test events
by score and considers every cut "score ≥ t"; events with equal scores are kept
or dropped together.

- **ε_S at ε_B = 10⁻³ (the leaderboard metric).** ε_S is the fraction of the
  signal events above the cut, ε_B the fraction of background events above it.
  The metric is the largest ε_S of any cut whose ε_B does not exceed 10⁻³. It is
  a **step rule, without interpolation** between cuts: the number is always
  reached by a real threshold on your scores. With about 140,000 background
  events on the private leaderboard, ε_B = 10⁻³ means at most about 140
  background events may pass your cut.
- **ROC AUC**: the probability that a random signal event scores above a random
  background event (ties count one half). Shown for information.
- **Maximum SIC**: the significance improvement ε_S / √ε_B, maximised over cuts
  that keep **at least 25 background events** (with fewer, ε_B is noise and
  1/√ε_B explodes). A SIC of 10 means the cut multiplies the significance of a
  bump by 10.

Control events count in none of these.

## The validity gate: no mass sculpting

A score that depends on mjj can carve a fake bump into the smooth background
spectrum, which is the one thing a resonance search cannot afford. So, as in
the Kaggle "Flavours of Physics" challenge, every submission's scores on the
background-only control events go through a **Cramér–von Mises test**: the
control events are split into 20 mjj bins with equal numbers of events; in each
bin the distribution of your scores is compared with the distribution over all
control events,

D_b = mean over all control events j of (F_b(s_j) − F(s_j))²,

where F is the cumulative distribution of the scores of all control events and
F_b that of the bin's; the statistic is the average of D_b over the bins. A
submission passes when it is **below 0.002** (Flavours of Physics' threshold).
A score that ignores mjj gets about 0.0001 from random fluctuations; a score
that is mjj itself gets about 0.16. Using mjj as an input is allowed, as long
as the score stays decorrelated from it on background.

## Public and private leaderboards

The test events (control events aside) are split by a hidden hash of their
EventId into a **public** subset (30%) and a **private** subset (70%). The
leaderboard shows your public score while the challenge runs; the final ranking
uses the private subset.
`;
