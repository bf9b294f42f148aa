/** One field that failed validation; `path` is dotted, with indices in brackets (`items[0].name`). */
export interface ProblemFieldError {
  path: string;
  message: string;
}

/** An RFC 9457 problem details document as the hub sends it. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: ProblemFieldError[];
  [extension: string]: unknown;
}
