import { createMemoryEventBus } from '@parley/core/memory';
import { defineEventBusContract } from './event-bus.contract';

defineEventBusContract('in-process', async () => createMemoryEventBus());
