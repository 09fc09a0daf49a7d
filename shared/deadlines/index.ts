export * from './compute.ts';
export * from './rules.ts';
