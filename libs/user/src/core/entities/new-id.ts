import { v7 as uuidv7 } from 'uuid';

/** Ids are UUID v7: opaque to clients, time-ordered so indexes stay compact. */
export function newId(): string {
  return uuidv7();
}
