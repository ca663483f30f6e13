export { detectPii } from './detect.js';
