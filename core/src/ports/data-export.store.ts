/** A user's request for a copy of their data, and where the archive is once ready. */
export interface DataExportRecord {
  id: string;
  userId: string;
  status: 'PENDING' | 'READY' | 'FAILED';
  createdAt: string;
  readyAt: string | null;
  blobKey: string | null;
  byteSize: number | null;
}

/** Persistence of data exports. */
export interface DataExportStore {
  create(e: DataExportRecord): Promise<void>;
  /** The user's newest export, or null. */
  latest(userId: string): Promise<DataExportRecord | null>;
  finish(id: string, patch: Pick<DataExportRecord, 'status' | 'readyAt' | 'blobKey' | 'byteSize'>): Promise<void>;
}
