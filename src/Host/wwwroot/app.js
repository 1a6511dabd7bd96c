// The dashboard: machines grouped by node, kept current from the API and the event stream.
import { ApiError, AuthError, json, setToken, takeTokenFromUrl, token } from "./api.js";
import { el } from "./dom.js";
import { follow } from "./events.js";
import { createCard, renderSummary, showJob, showNotice } from "./machines.js";
import { saveSettings, toggleSettings } from "./settings.js";

const nodesView = document.querySelector("#nodes");
const emptyView = document.querySelector("#empty");
const problem = document.querySelector("#problem");
const connection = document.querySelector("#connection");
const registryErrors = document.querySelector("#registry-errors");
const tokenForm = document.querySelector("#token-form");
const tokenInput = document.querySelector("#token-input");

const cards = new Map();
const sections = new Map();
// Requests are numbered; a card shows the answer of the newest request about it (a list or a detail),
// so an older answer arriving late never replaces newer data or brings back a deleted machine.
const shownRequest = new Map();
let lastRequest = 0;
let stopEvents = null;

function show(machine, request) {
  if ((shownRequest.get(machine.pk) ?? 0) > request) {
    return;
  }
  shownRequest.set(machine.pk, request);
  if (!cards.has(machine.pk)) {
    cards.set(machine.pk, createCard(machine.pk));
  }
  renderSummary(cards.get(machine.pk), machine);
}

function forget(pk, request) {
  if ((shownRequest.get(pk) ?? 0) > request) {
    return;
  }
  shownRequest.set(pk, request);
  cards.get(pk)?.remove();
  cards.delete(pk);
}

// Puts sections (by node) and cards (by name) in order, moving only what is out of place.
function arrange() {
  const byNode = Map.groupBy(cards.values(), (card) => card.dataset.node);
  const nodes = [...byNode.keys()].sort();
  nodes.forEach((node, index) => {
    if (!sections.has(node)) {
      sections.set(node, el("section", { class: "node", "data-node": node }, el("h2", {}, node), el("div", { class: "machines" })));
    }
    placeAt(nodesView, sections.get(node), index);
    const list = sections.get(node).querySelector(".machines");
    byNode.get(node)
      .sort((a, b) => a.dataset.name.localeCompare(b.dataset.name))
      .forEach((card, position) => placeAt(list, card, position));
  });
  for (const [node, section] of sections) {
    if (!byNode.has(node)) {
      section.remove();
      sections.delete(node);
    }
  }
  emptyView.hidden = cards.size > 0;
}

function placeAt(parent, child, index) {
  if (parent.children[index] !== child) {
    parent.insertBefore(child, parent.children[index] ?? null);
  }
}

async function loadList() {
  const request = ++lastRequest;
  const machines = await json("/api/machine/");
  const present = new Set(machines.map((machine) => machine.pk));
  for (const pk of [...cards.keys()].filter((pk) => !present.has(pk))) {
    forget(pk, request);
  }
  machines.forEach((machine) => show(machine, request));
  arrange();
  problem.hidden = true;
}

async function loadMachine(pk) {
  const request = ++lastRequest;
  try {
    show(await json(`/api/machine/${pk}/`), request);
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 404)) {
      throw error;
    }
    forget(pk, request);
  }
  arrange();
}

async function loadRegistryStatus() {
  const status = await json("/api/machine/status/");
  registryErrors.querySelector("ul").replaceChildren(...status.registry_errors.map((error) => el("li", {}, error.message)));
  registryErrors.hidden = status.registry_errors.length === 0;
}

// One load per key at a time; asking again while one runs makes it run once more afterwards.
const running = new Map();

function refresh(key, load) {
  if (running.has(key)) {
    running.get(key).again = true;
    return;
  }
  const state = { again: true };
  running.set(key, state);
  (async () => {
    try {
      while (state.again) {
        state.again = false;
        await load();
      }
    } catch (error) {
      report(error);
    } finally {
      running.delete(key);
    }
  })();
}

const refreshAll = () => {
  refresh("list", loadList);
  refresh("status", loadRegistryStatus);
};
const refreshMachine = (pk) => refresh(`machine:${pk}`, () => loadMachine(pk));

function report(error) {
  if (error instanceof AuthError) {
    askForToken(`The node refused the token: ${error.message}`);
  } else {
    problem.textContent = error.message;
    problem.hidden = false;
  }
}

function onEvent(type, data) {
  switch (type) {
    case "hello": // (re)connected: catch up on whatever happened while the stream was down
    case "registry-stage":
    case "registry-ready":
      refreshAll();
      break;
    case "machine-failed":
    case "machine":
      refreshMachine(JSON.parse(data).machine_id);
      break;
    case "job": {
      // The event carries the job (its id, state, progress and error read as in the API); the machine's own
      // changes while it prints arrive as "machine" events.
      const { job } = JSON.parse(data);
      const card = cards.get(job.machine_id);
      if (card) {
        showJob(card, job);
      }
      break;
    }
  }
}

function setConnection(state, delay) {
  connection.dataset.state = state;
  connection.textContent = state === "reconnecting" ? `reconnecting in ${delay / 1000} s` : state;
}

function start() {
  stopEvents?.();
  refreshAll();
  stopEvents = follow({ onEvent, onState: setConnection, onAuthError: report });
}

function askForToken(reason) {
  stopEvents?.();
  stopEvents = null;
  setConnection("signed out");
  document.querySelector("#token-reason").textContent = reason;
  tokenForm.hidden = false;
  tokenInput.focus();
}

const testLabel = () => ({
  labels: [{ content: base64(`Test label ${new Date().toLocaleString()}`), content_type: "text/plain", name: "test-label" }],
  copies: 1,
});

const base64 = (text) => btoa(String.fromCharCode(...new TextEncoder().encode(text)));

const actions = {
  restart: async (card) => {
    await json(`/api/machine/${card.dataset.pk}/restart/`, { method: "POST" });
    showNotice(card, "Restarted");
  },
  print: async (card) => showJob(card, await json(`/api/machine/${card.dataset.pk}/print/`, { method: "POST", body: testLabel() })),
  settings: (card, button) => toggleSettings(card, button),
};

nodesView.addEventListener("click", async (event) => {
  const button = event.target.closest("button[data-action]");
  if (!button) {
    return;
  }
  const card = button.closest("article[data-pk]");
  button.disabled = true;
  try {
    await actions[button.dataset.action](card, button);
  } catch (error) {
    if (error instanceof AuthError) {
      report(error);
    } else {
      showNotice(card, error.message, true);
    }
  } finally {
    button.disabled = false;
    refreshMachine(card.dataset.pk);
  }
});

nodesView.addEventListener("submit", async (event) => {
  event.preventDefault();
  const pk = event.target.closest("article[data-pk]").dataset.pk;
  try {
    if (await saveSettings(event.target, pk)) {
      refreshMachine(pk);
    }
  } catch (error) {
    report(error);
  }
});

tokenForm.addEventListener("submit", (event) => {
  event.preventDefault();
  setToken(tokenInput.value.trim());
  tokenInput.value = "";
  tokenForm.hidden = true;
  start();
});

document.querySelector("#change-token").addEventListener("click", () => askForToken("Enter another API token."));

takeTokenFromUrl();
if (token()) {
  start();
} else {
  askForToken("Enter an API token (a node prints its admin token on its first start).");
}
