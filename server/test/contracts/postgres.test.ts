import { describe } from 'vitest';
import { TEST_DATABASE_URL } from '../support/databases';
import { defineSqlAdapterContracts } from './sql-adapters.contract';
import { openPostgres } from './support/sql';

describe.skipIf(!TEST_DATABASE_URL)('PostgreSQL', () => defineSqlAdapterContracts('PostgreSQL', openPostgres));
