// The card reader agent protocol, shared by login.js and sign.js: create a request at the local agent,
// open its window (the person checks the request and types the PIN there, never on our page), and poll
// until the agent answers. Resolves with the agent's result, or undefined after `ui.fail` said why.

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitForAgent(agentUrl, id) {
  for (;;) {
    const res = await fetch(`${agentUrl}/v1/requests/${encodeURIComponent(id)}`);
    if (!res.ok) return { status: 'expired' };
    const body = await res.json();
    if (body.status !== 'pending') return body;
    await sleep(700);
  }
}

/**
 * @param {string} agentUrl
 * @param {object} request  `{ kind: 'login', challenge }` or `{ kind: 'sign', documentName, documentHash }`
 * @param {{ show(text: string): void, fail(text: string): void, agentLink: HTMLElement, messages: DOMStringMap }} ui
 */
export async function askCardAgent(agentUrl, request, ui) {
  const m = ui.messages;
  ui.show(m.msgConnecting);
  let created;
  try {
    const res = await fetch(`${agentUrl}/v1/requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(request),
    });
    if (!res.ok) throw new Error(String(res.status));
    created = await res.json();
  } catch {
    ui.fail(m.msgAgentUnavailable);
    return undefined;
  }
  window.open(created.approveUrl, 'madoguchi-card-reader', 'popup,width=560,height=720');
  ui.agentLink.querySelector('a').href = created.approveUrl;
  ui.agentLink.hidden = false;
  ui.show(m.msgWaiting);
  let outcome;
  try {
    outcome = await waitForAgent(agentUrl, created.id);
  } catch {
    ui.agentLink.hidden = true;
    ui.fail(m.msgAgentUnavailable);
    return undefined;
  }
  ui.agentLink.hidden = true;
  if (outcome.status === 'declined') ui.fail(m.msgDeclined);
  else if (outcome.status === 'locked') ui.fail(m.msgLocked);
  else if (outcome.status !== 'done' || !outcome.result) ui.fail(m.msgExpired);
  else return outcome.result;
  return undefined;
}
