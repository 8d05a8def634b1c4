/** Styles: how each layer is drawn (rules to symbols), the national land-use colours, legends and the page's JSON. */
package org.iocmap.styles;
