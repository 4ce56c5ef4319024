import type { Client } from '../client';
import { type Installed, installTemplate, templateForm } from './packages';

/**
 * Leads with their follow-ups and quotes (dealership-templates.md §1.1: the `sales` package), and
 * expense claims (§1.7: the `expense-claim` package), read from templates/.
 */
export const APP = 'app_sales';

export const lead = templateForm('sales', 'lead');
export const quote = templateForm('sales', 'quote');
export const expenseClaim = templateForm('expense-claim', 'expense-claim');

/** Installs the sales package (leads, quotes) through the installer, with the package's ids. */
export function installSales(admin: Client): Promise<Installed> {
  return installTemplate(admin, 'sales');
}
