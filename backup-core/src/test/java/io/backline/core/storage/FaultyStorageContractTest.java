package io.backline.core.storage;

import io.backline.core.spi.Storage;

/** A FaultyStorage without faults is a faithful Storage: it passes the whole contract. */
class FaultyStorageContractTest extends StorageContract {

    @Override
    protected Storage newStorage() {
        return FaultyStorage.wrap(InMemoryStorage.create());
    }
}
