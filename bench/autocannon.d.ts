// The parts of autocannon 8 the benchmarks use (the package ships no types).
declare module 'autocannon' {
  export interface Request { method?: string; path?: string; body?: string; headers?: Record<string, string> }
  export interface RequestSpec extends Request { setupRequest?: (request: Request, context: Record<string, unknown>) => Request }
  export interface Options {
    url: string; connections?: number; duration?: number; pipelining?: number; headers?: Record<string, string>;
    method?: string; body?: string; requests?: RequestSpec[];
  }
  export interface Result { requests: { average: number; total: number }; non2xx: number; errors: number; timeouts: number }
  /** An event emitter ('response': client, statusCode, bytes, milliseconds) that is also the run's promise. */
  export type Instance = Promise<Result> & { on(event: 'response', listener: (client: unknown, status: number, bytes: number, ms: number) => void): void };
  export default function autocannon(opts: Options): Instance;
}
