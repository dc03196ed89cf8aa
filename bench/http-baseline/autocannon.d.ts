// autocannon 9 ships no type declarations; this covers only what run.ts uses.
declare module 'autocannon' {
  interface Options {
    url: string;
    connections?: number;
    duration?: number;
    pipelining?: number;
  }
  interface Result {
    requests: { average: number; total: number };
    latency: { p50: number; p99: number };
    non2xx: number;
    /** Includes timeouts. */
    errors: number;
  }
  export default function autocannon(options: Options): Promise<Result>;
}
