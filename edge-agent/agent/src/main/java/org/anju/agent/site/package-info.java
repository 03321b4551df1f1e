/**
 * The site file as the park deploys it ({@code site.apply}): validated with the validator the agent
 * starts with, the running file kept as the last good one, the new one written and run, and the
 * last good one put back by the gateway itself when the new one has not reached the park and become
 * ready within its time ({@link org.anju.agent.site.SiteFiles}, {@link org.anju.agent.site.Probation}).
 */
package org.anju.agent.site;
