/** Progress of long work on stderr: at most once a second, and nothing for work done within one. */
export interface Progress {
  update(text: string): void;
  done(): void;
}

export function progressPrinter(write: (text: string) => void, interactive: boolean): Progress {
  const started = Date.now();
  let last = started;
  let shown = false;
  return {
    update(text) {
      const now = Date.now();
      if (now - last < 1000) return;
      last = now;
      shown = true;
      write(interactive ? `\r${text}` : `${text}\n`);
    },
    done() {
      if (shown && interactive) write('\n');
    },
  };
}
