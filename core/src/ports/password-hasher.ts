/** One-way password hashing. */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  /** True when `password` matches `hash`; never throws on a malformed hash. */
  verify(hash: string, password: string): Promise<boolean>;
}
