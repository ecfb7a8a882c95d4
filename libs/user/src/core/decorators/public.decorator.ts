import { SetMetadata } from '@nestjs/common';
import { IS_PUBLIC_KEY } from '../tokens.js';

/** Opts a route (or controller) out of the auth guard. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC_KEY, true);
