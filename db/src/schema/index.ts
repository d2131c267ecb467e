/** Drizzle schema of the flopcast database (column names are snake_case in SQL). */
export * from './teams.js';
export * from './profiles.js';
export * from './plans.js';
