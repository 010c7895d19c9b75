package org.healthkb.content;

/**
 * A priced plan as the guide states it.
 *
 * @param name                the plan's name
 * @param priceUsd            what one billing period costs, in US dollars
 * @param billingPeriodMonths how many months one payment covers
 */
public record Plan(String name, double priceUsd, int billingPeriodMonths) {
}
