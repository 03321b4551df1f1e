/**
 * {@code anju agent enroll}: the gateway joins its park with the admin's single-use code. The
 * park's answer becomes the site file's {@code park} section ({@link org.anju.agent.enroll.SiteParkSection});
 * nothing on the gateway is written before the park has accepted the code.
 */
package org.anju.agent.enroll;
