export * from "./auth";
export * from "./challenges";
export * from "./submissions";
export * from "./mail";
export * from "./sign-in";
