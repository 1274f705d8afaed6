/** The domain of Secure Model Service: records, services and ports. No AWS SDK, no Spring. */
package com.securemodel.core;
