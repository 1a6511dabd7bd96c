// A machine's settings form: one input per setting by type; only changed values are sent, one PATCH each.
import { ApiError, AuthError, json } from "./api.js";
import { el } from "./dom.js";

let nextId = 0;

/** Opens (loading the settings afresh) or closes the card's settings form. */
export async function toggleSettings(card, button) {
  const form = card.querySelector("form.settings");
  form.hidden = !form.hidden;
  button.setAttribute("aria-expanded", String(!form.hidden));
  if (form.hidden) {
    return;
  }
  form.replaceChildren(el("p", { class: "muted" }, "Loading settings…"));
  try {
    const settings = await json(`/api/machine/${card.dataset.pk}/settings/`);
    form.replaceChildren(
      ...(settings.length > 0 ? settings.map(row) : [el("p", { class: "muted" }, "This machine has no settings.")]),
      el("div", { class: "form-actions" },
        el("button", { type: "submit", disabled: settings.length === 0 }, "Save"),
        el("span", { class: "form-status", "data-field": "settings-status" })));
  } catch (error) {
    form.replaceChildren(el("p", { class: "error" }, error.message));
    if (error instanceof AuthError) {
      throw error;
    }
  }
}

/** Sends each changed setting; returns whether any was saved. */
export async function saveSettings(form, pk) {
  const submit = form.querySelector("button[type=submit]");
  submit.disabled = true;
  let saved = 0;
  let failed = 0;
  try {
    for (const control of form.querySelectorAll("[data-key]")) {
      const value = editedValue(control);
      if (value === undefined) {
        continue;
      }
      const error = control.closest(".setting").querySelector(".field-error");
      const { configType, key } = control.dataset;
      try {
        accept(control, await json(`/api/machine/${pk}/settings/${configType}/${encodeURIComponent(key)}/`, { method: "PATCH", body: { value } }));
        error.textContent = "";
        saved++;
      } catch (e) {
        if (e instanceof AuthError) {
          throw e;
        }
        error.textContent = e instanceof ApiError && Array.isArray(e.body?.value) ? e.body.value.join(" ") : e.message;
        failed++;
      }
    }
  } finally {
    submit.disabled = false;
  }
  form.querySelector("[data-field=settings-status]").textContent =
    [saved > 0 && `${saved} saved`, failed > 0 && `${failed} not saved`].filter(Boolean).join(", ") || "Nothing changed";
  return saved > 0;
}

function row(setting) {
  const id = `setting-${++nextId}`;
  const control = input(setting);
  control.id = id;
  Object.assign(control.dataset, { key: setting.key, configType: setting.config_type, original: setting.value });
  return el("div", { class: "setting" },
    el("label", { for: id },
      setting.name || setting.key, " ", el("code", {}, `${setting.config_type}/${setting.key}`),
      setting.required ? el("span", { class: "required", title: "Required" }, " *") : null),
    el("div", { class: "setting-input" }, control, setting.units ? el("span", { class: "units" }, setting.units) : null),
    setting.description ? el("small", { class: "description" }, setting.description) : null,
    el("span", { class: "field-error", role: "alert" }));
}

function input(setting) {
  if (setting.protected) {
    // The node never sends a protected value back; "***" only says that one is set.
    const secret = el("input", { type: "password", placeholder: setting.value, autocomplete: "new-password" });
    secret.addEventListener("input", () => { secret.dataset.edited = ""; });
    return secret;
  }
  switch (setting.type) {
    case "boolean":
      return el("input", { type: "checkbox", checked: setting.value === "True" });
    case "choice": {
      const known = setting.choices.some((choice) => choice.value === setting.value);
      return el("select", {},
        known ? null : el("option", { value: setting.value, selected: true }, setting.value || "—"),
        ...setting.choices.map((choice) => el("option", { value: choice.value, selected: choice.value === setting.value }, choice.display_name)));
    }
    case "integer":
      return el("input", { type: "number", step: "1", value: setting.value });
    case "float":
      return el("input", { type: "number", step: "any", value: setting.value });
    default:
      return el("input", { type: "text", value: setting.value });
  }
}

// The value to send, or undefined when the user did not change it.
function editedValue(control) {
  const { original } = control.dataset;
  if (control.type === "checkbox") {
    return control.checked !== (original === "True") ? control.checked : undefined;
  }
  if (control.type === "password") {
    return "edited" in control.dataset ? control.value : undefined;
  }
  return control.value !== original ? control.value : undefined;
}

function accept(control, setting) {
  control.dataset.original = setting.value;
  if (control.type === "checkbox") {
    control.checked = setting.value === "True";
  } else if (control.type === "password") {
    control.value = "";
    control.placeholder = setting.value;
    delete control.dataset.edited;
  } else {
    control.value = setting.value;
  }
}
