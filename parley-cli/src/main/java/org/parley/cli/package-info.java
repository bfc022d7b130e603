/** placeholder */
package org.parley.cli;
