/**
 * A problem with the user's input (challenge name, its data, a family this machine cannot run): the CLI reports it
 * and exits with status 2, a background run fails with it as its message. Its own module, so the training process
 * can raise it without loading the database layer.
 */
export class BaselineInputError extends Error {
  override readonly name = "BaselineInputError";
}
