/** The IdP could not be reached or answered something unusable at a machine-to-machine step. */
export class IdpUnavailableError extends Error {}

/** The IdP's answer was reached but must not be trusted (bad signature, wrong audience, …). */
export class IdpRefusedError extends Error {}
