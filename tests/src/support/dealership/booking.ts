import type { Client } from '../client';
import { installTemplate, templateForm } from './packages';

/**
 * The service appointment a customer books themselves through a public link (dealership-templates.md
 * §1.4): who, which car, what service, which day and slot. The booking number is a serial the customer
 * gets back as their reference; the status is the store's to set, and a query link shows it.
 */
export const booking = templateForm('service-booking', 'booking');

/** Installs the service-booking package (templates/service-booking): the form, published, and its shared view. */
export async function installBooking(admin: Client): Promise<void> {
  await installTemplate(admin, 'service-booking');
}
