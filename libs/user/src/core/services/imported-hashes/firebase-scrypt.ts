/**
 * Firebase Authentication's project parameters for its modified scrypt (Console → Authentication →
 * Users → ⋮ → Password hash parameters). Needed to verify hashes exported from Firebase.
 */
export interface FirebaseScryptParameters {
  /** `base64_signer_key`. */
  signerKey: string;
  /** `base64_salt_separator`. */
  saltSeparator: string;
  /** `rounds` (scrypt's r). */
  rounds: number;
  /** `mem_cost` (scrypt's N is 2^memCost). */
  memCost: number;
}
