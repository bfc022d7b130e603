/** placeholder */
package org.parley.message;
