// Follows GET /api/events/ with fetch (EventSource cannot send the Authorization header), parses the
// server-sent events and reconnects after a delay that doubles while the stream stays down.
import { AuthError, request } from "./api.js";

const firstDelay = 1000;
const maxDelay = 30000;

/** Calls onEvent(type, data) per event and onState(state, delayMs) on changes; returns a function that stops. */
export function follow({ onEvent, onState, onAuthError }) {
  const controller = new AbortController();
  const { signal } = controller;
  (async () => {
    let delay = firstDelay;
    while (!signal.aborted) {
      try {
        onState("connecting");
        const response = await request("/api/events/", { signal });
        if (!response.ok) {
          throw new Error(`HTTP ${response.status}`);
        }
        onState("live");
        delay = firstDelay;
        await readEvents(response.body, onEvent);
      } catch (error) {
        if (signal.aborted) {
          return;
        }
        if (error instanceof AuthError) {
          onAuthError(error);
          return;
        }
      }
      onState("reconnecting", delay);
      await wait(delay, signal);
      delay = Math.min(delay * 2, maxDelay);
    }
  })();
  return () => controller.abort();
}

// "event:" and "data:" lines; a blank line ends an event. Lines end with \n or \r\n.
async function readEvents(body, onEvent) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  let type = "";
  let data = [];
  for (;;) {
    const { value, done } = await reader.read();
    if (done) {
      return;
    }
    const lines = (buffer + value).split("\n");
    buffer = lines.pop();
    for (const line of lines.map((l) => l.replace(/\r$/, ""))) {
      if (line === "") {
        if (data.length > 0) {
          onEvent(type || "message", data.join("\n"));
        }
        type = "";
        data = [];
      } else if (line.startsWith("event:")) {
        type = fieldValue(line);
      } else if (line.startsWith("data:")) {
        data.push(fieldValue(line));
      }
    }
  }
}

const fieldValue = (line) => line.slice(line.indexOf(":") + 1).replace(/^ /, "");

const wait = (ms, signal) => new Promise((resolve) => {
  const timer = setTimeout(resolve, ms);
  signal.addEventListener("abort", () => {
    clearTimeout(timer);
    resolve();
  }, { once: true });
});
