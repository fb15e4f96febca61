import { defineSqlAdapterContracts } from './sql-adapters.contract';
import { openPglite } from './support/sql';

defineSqlAdapterContracts('PGlite', openPglite);
