import { Global, Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { FieldCipher } from './field-cipher.js';

@Global()
@Module({
  providers: [{ provide: FieldCipher, inject: [APP_CONFIG], useFactory: (c: AppConfig) => new FieldCipher(c.encryptionKey, c.hashKey) }],
  exports: [FieldCipher],
})
export class CryptoModule {}
