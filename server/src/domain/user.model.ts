/** A registered user as the domain sees it (never with credentials). */
export interface User {
  id: string;
  username: string;
  displayName: string;
  avatarUrl: string | null;
  createdAt: Date;
}
