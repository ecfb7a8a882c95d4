import request from 'supertest';

/** A supertest client bound to one app's HTTP server. */
export type Http = ReturnType<typeof request>;
