// What a command may touch besides the database: output streams, stdin and the environment.
// Injected so that tests run the command line in-process.

export interface Writer {
  write(text: string): unknown;
}

export interface Io {
  stdout: Writer;
  stderr: Writer;
  /** Text read by `call <method> -`: a stream (process.stdin) or, in tests, a string. */
  stdin: AsyncIterable<string | Uint8Array> | string;
  env?: Record<string, string | undefined>;
}

export async function readAll(input: Io['stdin']): Promise<string> {
  if (typeof input === 'string') return input;
  const decoder = new TextDecoder();
  let text = '';
  for await (const chunk of input) text += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
  return text + decoder.decode();
}

export function printJson(out: Writer, value: unknown): void {
  out.write(`${JSON.stringify(value ?? null, null, 2)}\n`);
}

/** `centre methods | head`: a reader that stops early is not an error. */
export function ignoreBrokenPipe(stream: NodeJS.WriteStream = process.stdout): void {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
}
