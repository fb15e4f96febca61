import { createMemoryEventBus } from '../../src/adapters/memory/event.bus';
import { defineEventBusContract } from './event-bus.contract';

defineEventBusContract('in-process', async () => createMemoryEventBus());
