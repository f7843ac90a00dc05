/**
 * Lines for stdout gathered over one turn of the event loop and written together: a write to a
 * pipe costs a system call, which at a line per request is more than formatting the line. What is
 * pending when the process exits is written then (stdout pipes and files are synchronous on Linux).
 */
export class StdoutBatch {
  private pending = '';
  private scheduled = false;
  private readonly flush = () => {
    this.scheduled = false;
    if (this.pending === '') return;
    const text = this.pending;
    this.pending = '';
    process.stdout.write(text);
  };

  constructor() {
    process.once('exit', this.flush);
  }

  write(line: string): void {
    this.pending += line;
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(this.flush);
    }
  }
}
