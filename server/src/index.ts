// What other packages may use of the server: starting a node and its configuration.
export { createParley, type ParleyApp, type ParleyOptions } from './app';
export { ConfigError, loadConfig, type Config } from './config';
