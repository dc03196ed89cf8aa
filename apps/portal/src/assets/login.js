// Card login in the browser: the local card reader agent signs the challenge (the person types the PIN
// into the agent's own window); the signature and certificate go to the portal. No personal data passes
// through here.
import { askCardAgent } from '/assets/card-agent.js';

const root = document.getElementById('card-login');
if (root) {
  const d = root.dataset;
  const button = document.getElementById('card-login-button');
  const statusLine = document.getElementById('card-login-status');
  const agentLink = document.getElementById('card-login-agent-link');
  const show = (text, isError = false) => {
    statusLine.textContent = text;
    statusLine.classList.toggle('status-message--error', isError);
  };
  const fail = (text) => {
    show(text, true);
    button.disabled = false;
  };

  async function login() {
    button.disabled = true;
    const result = await askCardAgent(
      d.agentUrl,
      { kind: 'login', challenge: d.challenge },
      { show, fail, agentLink, messages: d },
    );
    if (!result) return;
    show(d.msgVerifying);
    const res = await fetch('/login/verify', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': d.csrf, 'accept-language': d.lang },
      body: JSON.stringify({
        challengeId: d.challengeId,
        certificate: result.certificate,
        signature: result.signature,
      }),
    });
    const body = await res.json().catch(() => ({}));
    if (res.ok && typeof body.redirect === 'string') {
      window.location.assign(body.redirect);
      return;
    }
    fail(body.error?.message ?? d.msgExpired);
  }

  button.addEventListener('click', () => {
    login().catch(() => fail(d.msgAgentUnavailable));
  });
}
