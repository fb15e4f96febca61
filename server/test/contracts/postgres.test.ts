import { describe } from 'vitest';
import { needs } from '../support/needs';
import { defineSqlAdapterContracts } from './sql-adapters.contract';
import { openPostgres } from './support/sql';

describe.skipIf(needs('postgres'))('PostgreSQL', () => defineSqlAdapterContracts('PostgreSQL', openPostgres));
