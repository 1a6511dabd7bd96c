// One card per machine: a summary redrawn from each API answer, and action results and the settings
// form, which survive redraws.
import { el } from "./dom.js";

const colours = new Set(["primary", "secondary", "success", "info", "warning", "danger"]);
const finalStates = new Set(["completed", "failed", "interrupted"]);

export function createCard(pk) {
  return el("article", { class: "machine", "data-pk": pk },
    el("div", { class: "summary" }),
    el("div", { class: "actions" },
      el("button", { type: "button", "data-action": "restart" }, "Restart"),
      el("button", { type: "button", "data-action": "print" }, "Test print"),
      el("button", { type: "button", "data-action": "settings", "aria-expanded": "false" }, "Settings")),
    el("p", { class: "notice", "data-field": "notice", hidden: true }),
    el("p", { class: "job", "data-field": "job", hidden: true }),
    el("form", { class: "settings", novalidate: true, hidden: true }));
}

export function renderSummary(card, machine) {
  card.dataset.name = machine.name;
  card.dataset.node = machine.node;
  const colour = colours.has(machine.status_color) ? machine.status_color : "secondary";
  card.querySelector(".summary").replaceWith(el("div", { class: "summary" },
    el("header", {},
      el("h3", {}, machine.name),
      machine.status_is_last_known
        ? el("span", { class: "last-known", title: "Stored before the node restarted; the driver has not reported since" }, "last known")
        : null,
      el("span", { class: `badge status-${colour}`, "data-field": "status" }, machine.status_label ?? "Not loaded")),
    el("p", { class: "status-text", "data-field": "status-text" }, machine.status_text ?? ""),
    el("p", { class: "meta" }, [machine.machine_type, machine.driver, machine.placement].filter(Boolean).join(" · ")),
    el("ul", { class: "flags" },
      flag(machine.active, "active", "inactive"),
      flag(machine.initialized, "initialized", "not initialized"),
      machine.restart_required ? el("li", { class: "flag off" }, "restart required") : null),
    machine.machine_errors.length > 0
      ? el("ul", { class: "errors", "data-field": "errors" }, ...machine.machine_errors.map((error) => el("li", {}, error)))
      : null,
    machine.properties.length > 0
      ? el("dl", { class: "properties" }, ...machine.properties.flatMap((p) => [el("dt", {}, p.group ? `${p.group}: ${p.key}` : p.key), el("dd", {}, propertyValue(p))]))
      : null));
}

export function showNotice(card, text, isError = false) {
  const notice = card.querySelector("[data-field=notice]");
  notice.textContent = text;
  notice.classList.toggle("error", isError);
  notice.hidden = false;
}

/** Shows a job's state; an older answer about the same job never replaces a later state. */
export function showJob(card, job) {
  const line = card.querySelector("[data-field=job]");
  if (line.dataset.job === job.id && rank(job.state) < rank(line.dataset.state)) {
    return;
  }
  line.dataset.job = job.id;
  line.dataset.state = job.state;
  line.className = `job job-${job.state}`;
  const progress = job.state === "printing" ? ` ${job.progress}%` : "";
  line.textContent = `Job ${job.id.slice(0, 8)}: ${job.state}${progress}${job.error ? ` (${job.error})` : ""}`;
  line.hidden = false;
}

const rank = (state) => (finalStates.has(state) ? 2 : state === "printing" ? 1 : 0);

const flag = (on, yes, no) => el("li", { class: on ? "flag on" : "flag off" }, on ? yes : no);

function propertyValue(property) {
  switch (property.type) {
    case "progress":
      return el("span", {}, el("progress", { max: property.max_progress ?? 100, value: property.value ?? 0 }), ` ${property.value ?? 0}`);
    case "bool":
      return property.value ? "yes" : "no";
    default:
      return String(property.value ?? "");
  }
}
