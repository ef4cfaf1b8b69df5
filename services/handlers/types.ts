import type { MethodName, OutputOf, ParsedInputOf } from '../../domain/api/contract.ts';
import type { Ctx } from '../context.ts';

export type Handler<M extends MethodName> = (ctx: Ctx, input: ParsedInputOf<M>) => OutputOf<M>;

export type Handlers<K extends MethodName> = { [M in K]: Handler<M> };
