import type { Client } from '../client';
import { type Installed, installTemplate, templateForm } from './packages';

/**
 * Service and parts master data and the repair order of dealership-templates.md §0, §1.5, §1.6: the
 * forms of the `service` package (templates/service), read from there.
 */
export const APP = 'app_service';

export const part = templateForm('service', 'part');
export const laborOperation = templateForm('service', 'labor-operation');
export const customer = templateForm('service', 'customer');
export const vehicle = templateForm('service', 'vehicle');
export const repairOrder = templateForm('service', 'repair-order');

export const SERVICE_FORMS = [part, laborOperation, customer, vehicle, repairOrder];

/** Installs the service package through the installer, with the package's ids. */
export function installService(admin: Client): Promise<Installed> {
  return installTemplate(admin, 'service');
}
