/**
 * How statuses, stages, impacts and the page indicator are shown, in each language: words, an
 * icon (so nothing is told by colour alone) and a CSS class. One table per vocabulary.
 */
import type { Impact, Language, Stage, Status } from '../scenario/vocabulary.js';
import type { PageDescription } from './rollup.js';

/** How one status looks. */
export interface StatusLook {
  label: string;
  /** A symbol readable without colour. */
  icon: string;
  css: string;
}

export const STATUS_LOOK: Record<Language, Record<Status, StatusLook>> = {
  fr: {
    operational: { label: 'Opérationnel', icon: '✓', css: 'ok' },
    degraded_performance: { label: 'Performances dégradées', icon: '▲', css: 'degraded' },
    partial_outage: { label: 'Panne partielle', icon: '◆', css: 'partial' },
    major_outage: { label: 'Panne majeure', icon: '✕', css: 'major' },
    under_maintenance: { label: 'En maintenance', icon: '⚙', css: 'maintenance' },
  },
  en: {
    operational: { label: 'Operational', icon: '✓', css: 'ok' },
    degraded_performance: { label: 'Degraded performance', icon: '▲', css: 'degraded' },
    partial_outage: { label: 'Partial outage', icon: '◆', css: 'partial' },
    major_outage: { label: 'Major outage', icon: '✕', css: 'major' },
    under_maintenance: { label: 'Under maintenance', icon: '⚙', css: 'maintenance' },
  },
};

export const STAGE_LABEL: Record<Language, Record<Stage, string>> = {
  fr: {
    investigating: 'Enquête en cours',
    identified: 'Identifié',
    monitoring: 'Surveillance',
    resolved: 'Résolu',
    postmortem: 'Post-mortem',
  },
  en: {
    investigating: 'Investigating',
    identified: 'Identified',
    monitoring: 'Monitoring',
    resolved: 'Resolved',
    postmortem: 'Postmortem',
  },
};

export const IMPACT_LABEL: Record<Language, Record<Impact, string>> = {
  fr: { none: 'Aucun impact', minor: 'Impact mineur', major: 'Impact majeur', critical: 'Impact critique' },
  en: { none: 'No impact', minor: 'Minor impact', major: 'Major impact', critical: 'Critical impact' },
};

/** The page indicator's phrase in each language (Statuspage's English as is). */
export const PAGE_DESCRIPTION_LABEL: Record<Language, Record<PageDescription, string>> = {
  fr: {
    'All Systems Operational': 'Tous les services sont opérationnels',
    'Partially Degraded Service': 'Service partiellement dégradé',
    'Degraded System Service': 'Service dégradé',
    'Minor Service Outage': 'Panne mineure',
    'Partial System Outage': 'Panne partielle des services',
    'Major System Outage': 'Panne majeure des services',
    'Service Under Maintenance': 'Service en maintenance',
  },
  en: {
    'All Systems Operational': 'All Systems Operational',
    'Partially Degraded Service': 'Partially Degraded Service',
    'Degraded System Service': 'Degraded System Service',
    'Minor Service Outage': 'Minor Service Outage',
    'Partial System Outage': 'Partial System Outage',
    'Major System Outage': 'Major System Outage',
    'Service Under Maintenance': 'Service Under Maintenance',
  },
};
