/** Who is calling the console's API: the authenticated caller and their role. */
package io.aiox.web.auth;
