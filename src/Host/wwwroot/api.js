// The API token and authenticated requests. The token travels only in the Authorization header.
const storageKey = "machineactors.token";

/** The node answered 401: no token, or one it does not know. */
export class AuthError extends Error {}

/** Any other answer that is not 2xx; body is the parsed JSON error, if any. */
export class ApiError extends Error {
  constructor(status, body) {
    super(messageOf(status, body));
    this.status = status;
    this.body = body;
  }
}

/** Moves a token given as #token=... into storage and removes it from the address bar. */
export function takeTokenFromUrl() {
  const value = new URLSearchParams(location.hash.slice(1)).get("token");
  if (value) {
    setToken(value);
    history.replaceState(null, "", location.pathname + location.search);
  }
}

export const token = () => localStorage.getItem(storageKey);

export const setToken = (value) => localStorage.setItem(storageKey, value);

export async function request(path, { method = "GET", body, signal } = {}) {
  const headers = { Authorization: `Token ${token()}` };
  if (body !== undefined) {
    headers["Content-Type"] = "application/json";
  }
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal });
  if (response.status === 401) {
    throw new AuthError(messageOf(401, await response.json().catch(() => null)));
  }
  return response;
}

/** The JSON body of a successful answer; throws ApiError otherwise. */
export async function json(path, options) {
  const response = await request(path, options);
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    throw new ApiError(response.status, body);
  }
  return body;
}

// DRF error shapes: {"detail": "..."} or field errors {"field": ["...", ...]}.
function messageOf(status, body) {
  if (typeof body?.detail === "string") {
    return body.detail;
  }
  if (body && typeof body === "object") {
    return Object.entries(body).map(([field, errors]) => `${field}: ${[errors].flat().join(" ")}`).join("; ");
  }
  return `HTTP ${status}`;
}
