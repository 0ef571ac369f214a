import type { Confinement } from '@/lib/snap/parse';
import type { HealthState } from '@/lib/snap/types';
import type { InterfaceRisk } from '@/lib/snap/interface-info';
import { Badge, type Tone } from './badge';

const CONFINEMENT: Record<Confinement, { tone: Tone; title: string }> = {
  strict: { tone: 'good', title: 'Strict: reaches the host only through connected interfaces' },
  classic: { tone: 'bad', title: 'Classic: not confined at all, full access to the host like a .deb' },
  devmode: { tone: 'warn', title: 'Devmode: violations are logged, not blocked' },
  jailmode: { tone: 'info', title: 'Jailmode: strict confinement forced on a devmode snap' },
};

export function ConfinementBadge({ confinement }: { confinement: Confinement }) {
  const c = CONFINEMENT[confinement];
  return (
    <Badge tone={c.tone} title={c.title}>
      {confinement}
    </Badge>
  );
}

const HEALTH: Record<HealthState, Tone> = { ok: 'good', blocked: 'bad', error: 'bad', waiting: 'warn', broken: 'bad', disabled: 'neutral' };

export function HealthBadge({ health }: { health: HealthState }) {
  if (health === 'ok') return null;
  return <Badge tone={HEALTH[health]}>{health}</Badge>;
}

const RISK: Record<InterfaceRisk, Tone> = { low: 'good', medium: 'info', high: 'warn', critical: 'critical', unknown: 'neutral' };

export function RiskBadge({ risk, title }: { risk: InterfaceRisk; title?: string }) {
  return (
    <Badge tone={RISK[risk]} title={title}>
      {risk} risk
    </Badge>
  );
}
