/** A request a local IdP served: browser legs and the emulator's back-channel calls alike. */
export interface IdpRequest {
  method: string;
  path: string;
  status: number;
  userAgent: string;
  /** Epoch ms, when the request arrived. */
  startedAt: number;
}
