'use strict';
/**
 * One node of a simulated fleet (DEMO_FLEET=N): the same initial host, made
 * into a believable sibling when its state is first created.
 *
 *   DEMO_HOSTNAME=node-2        its own name (what `hostname` and the journal print)
 *   DEMO_NODE_VARIANT=ready     strict MicroK8s with every required plug connected (running)
 *   DEMO_NODE_VARIANT=release-1.30   MicroK8s from the 1.30-strict track (still blocked)
 *   (none)                      as the demo host: a blocked strict MicroK8s 1.31
 */
const model = require('./model.js');

const HOSTNAME = /^[a-z0-9][a-z0-9-]{0,62}$/;

function applyNodeVariant(state, env) {
  const hostname = env.DEMO_HOSTNAME;
  if (hostname) {
    if (!HOSTNAME.test(hostname)) throw new Error(`DEMO_HOSTNAME: not a host name: ${JSON.stringify(hostname)}`);
    state.kernel.hostname = hostname;
  }
  const variant = env.DEMO_NODE_VARIANT;
  if (!variant) return state;
  const mk = model.snapByName(state, 'microk8s');
  if (!mk) throw new Error('DEMO_NODE_VARIANT needs the microk8s snap in the initial state');
  if (variant === 'ready') {
    for (const plug of mk.health.requires) {
      const p = model.findPlug(state, 'microk8s', plug);
      if (p && model.plugConnections(state, p).length === 0) {
        model.connect(state, { plugSnap: 'microk8s', plugName: plug, slotSnap: '', slotName: '' });
      }
    }
  } else if (variant === 'release-1.30') {
    mk.version = 'v1.30.14';
    mk.revision = '7952';
    mk.tracking = '1.30-strict/stable';
  } else {
    throw new Error(`DEMO_NODE_VARIANT: unknown variant ${JSON.stringify(variant)} (ready, release-1.30)`);
  }
  return state;
}

module.exports = { applyNodeVariant };
