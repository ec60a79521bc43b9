/**
 * Markdown description of the built-in "Higgs boson machine learning
 * challenge", written for a student with no particle-physics background.
 */
export const higgsDescription = `# Higgs boson machine learning challenge

Find the collisions in which a Higgs boson decayed into two tau leptons. This
challenge reproduces the format of the 2014 HiggsML challenge on Kaggle, with
events made by this platform's own seeded simulator instead of the ATLAS
simulation.

## The physics in five minutes

- **The Higgs boson** is the particle discovered at CERN's Large Hadron Collider
  (LHC) in 2012. It lives for about 10^-22 s, so detectors never see it: they see
  what it decays into. Its mass is about 125 GeV (GeV is the unit of energy,
  momentum and mass used in particle physics).
- **The tau lepton (τ)** is a heavier cousin of the electron, about 3,500 times
  heavier. It also decays almost immediately, always emitting at least one
  **neutrino**, a particle that crosses the detector without leaving any trace.
  A tau decays either into an electron or a muon ("leptonic", with two
  neutrinos) or into a narrow spray of hadrons ("hadronic tau", one neutrino).
- **The channel** studied here is H → τ τ where one tau decays leptonically and
  the other hadronically: every event has exactly one lepton (electron or muon)
  and one hadronic tau, plus possibly jets (sprays of particles from quarks and
  gluons).
- **Why it is hard:** other processes leave the same signature far more often.
  Z bosons also decay to two taus (Z → ττ, mass 91 GeV, close to the Higgs'),
  top-quark pairs (tt̄) produce leptons, neutrinos and jets, and W bosons
  (W → ℓν) produce a lepton and a neutrino while an ordinary jet is mistaken for
  a hadronic tau. Because the neutrinos escape, the Higgs mass cannot be
  measured directly: the signal is a broad bump on a much larger background.

The detector measures momenta transverse to the beam (pT), the pseudorapidity
η (angle to the beam; 0 is perpendicular, ±2.5 is the edge of the tracker,
±4.5 the edge of the calorimeters) and the azimuth φ (angle around the beam,
in radians). The escaping neutrinos show up only as an imbalance of transverse
momentum, the **missing transverse energy** (MET).

## The features

Each event has an \`EventId\` and 30 features. **PRI_** (primitive) features are
measured quantities; **DER_** (derived) features are computed from them, as
defined in the HiggsML documentation (Adam-Bourdarios et al., 2014, appendix B).
**−999.0 means "undefined"**, never a measurement: jet features need enough jets
and the mass estimate can fail. Energies, momenta and masses are in GeV.

| group | feature | meaning |
|---|---|---|
| PRI | PRI_tau_pt, PRI_tau_eta, PRI_tau_phi | hadronic tau pT, η, φ |
| PRI | PRI_lep_pt, PRI_lep_eta, PRI_lep_phi | lepton (electron or muon) pT, η, φ |
| PRI | PRI_met, PRI_met_phi | missing transverse energy and its azimuth |
| PRI | PRI_met_sumet | total transverse energy in the detector |
| PRI | PRI_jet_num | number of jets (0, 1, 2, or 3 meaning 3 or more) |
| PRI | PRI_jet_leading_pt, _eta, _phi | highest-pT jet (−999 if no jet) |
| PRI | PRI_jet_subleading_pt, _eta, _phi | second jet (−999 if fewer than 2 jets) |
| PRI | PRI_jet_all_pt | scalar sum of the pT of all jets (0 if none) |
| DER | DER_mass_MMC | estimated mass of the tau pair including neutrinos (−999 if the estimate fails) |
| DER | DER_mass_transverse_met_lep | transverse mass of the lepton and the MET |
| DER | DER_mass_vis | invariant mass of the lepton and the hadronic tau |
| DER | DER_pt_h | pT of the vector sum of tau, lepton and MET (the Higgs candidate) |
| DER | DER_deltaeta_jet_jet | \\|η\\| gap between the two leading jets (−999 if fewer than 2 jets) |
| DER | DER_mass_jet_jet | invariant mass of the two leading jets (−999 if fewer than 2 jets) |
| DER | DER_prodeta_jet_jet | product of the two leading jets' η (−999 if fewer than 2 jets) |
| DER | DER_deltar_tau_lep | ΔR = √(Δη² + Δφ²) between tau and lepton |
| DER | DER_pt_tot | pT of the vector sum of tau, lepton, the two leading jets and MET |
| DER | DER_sum_pt | tau pT + lepton pT + PRI_jet_all_pt |
| DER | DER_pt_ratio_lep_tau | lepton pT / tau pT |
| DER | DER_met_phi_centrality | where the MET points relative to tau and lepton: √2 on their bisector, 1 along one of them, −√2 opposite |
| DER | DER_lep_eta_centrality | how central the lepton is between the two jets: 1 halfway, → 0 outside (−999 if fewer than 2 jets) |

Jets-related features are a strong hint: Higgs bosons made by vector-boson
fusion come with two jets far apart in η and a large dijet mass.

## The data files

- \`training.csv\`: EventId, the 30 features, **Weight** and **Label** (\`s\` for
  signal, \`b\` for background).
- \`test.csv\`: EventId and the 30 features only. Labels and weights of test
  events are secret.
- \`sample_submission.csv\`: a valid (but useless) submission in the required format.

**Why weights?** The simulator produces many more signal events than nature
does, so each event carries a weight: the number of real events it stands for
in the data set. Weights sum to 691.99 for signal and 410,999.85 for
background, a real signal-to-background ratio of about 1 to 600, even though
about a third of the *events* are signal. Use the weights when you evaluate
your classifier; you may also use them in training.

## The score: approximate median significance (AMS)

You select a region of events you call signal. With s the sum of weights of
true signal events you selected and b the sum of weights of background events
you selected:

$$\\text{AMS} = \\sqrt{2\\left((s + b + b_r)\\ln\\left(1 + \\frac{s}{b + b_r}\\right) - s\\right)}, \\qquad b_r = 10$$

(natural logarithm). It approximates the statistical significance, in standard
deviations, of a discovery: it rewards selecting a lot of signal with little
background. The regularisation b_r = 10 stops a tiny selection with almost no
background from scoring absurdly high. Typical good scores are around 3 to 4.
Because weights are renormalised per subset (below), selecting well matters,
not how many events a subset holds.

## Submission format

A CSV file with a header and one row per test event:

\`\`\`
EventId,RankOrder,Class
350000,417342,b
350001,2,s
350002,91032,b
\`\`\`

- **RankOrder**: a permutation of 1..N (N = number of test events); higher means
  more signal-like. Each value must appear exactly once.
- **Class**: \`s\` for the events you select as signal, \`b\` otherwise. Only
  \`Class\` enters the AMS; RankOrder lets the platform compute curves.

## Public and private leaderboards

The test events are split at random into a **public** subset (18%) and a
**private** subset (82%). While the challenge runs, the leaderboard shows your
AMS on the public subset. The final ranking uses the private subset, which you
never see scores for, so tuning against the public leaderboard does not pay.
For each subset and each class, weights are rescaled so they sum to the full
totals above, which makes AMS values comparable between subsets.
`;
