/** Site configuration as typed data: one place for names, links and navigation. */
export interface NavItem {
  title: string;
  href: string;
}

export const siteConfig = {
  name: "Collider Arena",
  description: "Machine-learning competitions for particle physics: Higgs hunting, anomaly detection and detector design.",
  mainNav: [
    { title: "Challenges", href: "/" },
    { title: "API", href: "/api-docs" },
    { title: "About", href: "/about" },
  ] satisfies NavItem[],
  challengeTabs: [
    { title: "Overview", segment: "" },
    { title: "Data", segment: "data" },
    { title: "Leaderboard", segment: "leaderboard" },
    { title: "Submit", segment: "submit" },
    { title: "Team", segment: "team" },
  ],
  /** Rows per leaderboard page (the site's pages; the API takes pageSize). */
  leaderboardPageSize: 50,
} as const;
