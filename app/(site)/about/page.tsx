import type { Metadata } from "next";

export const metadata: Metadata = { title: "About" };

export default function AboutPage() {
  return (
    <article className="prose max-w-3xl">
      <h1>About Collider Arena</h1>
      <p>
        Collider Arena hosts machine-learning challenges drawn from particle physics: classifying Higgs boson decays to tau leptons, finding
        new physics without labels, and designing detectors. Competitors download data, upload predictions and see their public score at
        once; private scores are revealed when a challenge ends.
      </p>
      <p>
        Scoring runs on the server and the labels never leave it. Every score comes with a bootstrap uncertainty so that statistically tied
        entries are marked as such.
      </p>
    </article>
  );
}
