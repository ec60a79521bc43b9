import Link from "next/link";
import { currentUser } from "@/lib/authz";
import { loadChallenge } from "../load";

export default async function SubmitPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { challenge } = await loadChallenge(slug);
  const user = await currentUser();
  if (!user) {
    return (
      <p className="text-slate-600">
        <Link href={`/sign-in?callbackUrl=/challenges/${slug}/submit`} className="text-brand-600 underline">
          Sign in
        </Link>{" "}
        to submit predictions.
      </p>
    );
  }
  if (challenge.state.status !== "open") {
    return <p className="text-slate-600">This challenge is {challenge.state.status}: it does not accept submissions now.</p>;
  }
  return (
    <p className="text-slate-600">
      Uploads are not open on this server yet: the scoring queue is being built. Download the data and prepare a
      submission in the format described on the overview.
    </p>
  );
}
